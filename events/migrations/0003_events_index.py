from django.db import migrations


def create_index(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    EventIndexPage = apps.get_model("events.EventIndexPage")

    home = Page.objects.filter(depth=2).order_by("path").first()
    if home is None or EventIndexPage.objects.exists():
        return
    content_type, _ = ContentType.objects.get_or_create(app_label="events", model="eventindexpage")
    EventIndexPage.objects.create(
        title="Events",
        draft_title="Events",
        slug="events",
        content_type=content_type,
        locale_id=home.locale_id,
        path=home.path + "0001",
        depth=3,
        numchild=0,
        url_path=home.url_path + "events/",
        live=True,
        show_in_menus=True,
    )
    Page.objects.filter(pk=home.pk).update(numchild=1)


class Migration(migrations.Migration):
    dependencies = [("events", "0002_reference_data"), ("convening", "0002_home_page")]

    operations = [migrations.RunPython(create_index, migrations.RunPython.noop)]
