from django.db import migrations


def create_home(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("convening.HomePage")

    # Replace Wagtail's welcome page (and the site that points at it).
    Page.objects.filter(depth=2, slug="home", content_type__app_label="wagtailcore").delete()
    content_type, _ = ContentType.objects.get_or_create(app_label="convening", model="homepage")
    home = HomePage.objects.create(
        title="Knowledge for development forums",
        draft_title="Knowledge for development forums",
        slug="home",
        content_type=content_type,
        locale=Locale.objects.order_by("pk").first(),
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        live=True,
    )
    Page.objects.filter(depth=1).update(numchild=1)
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)


def remove_home(apps, schema_editor):
    apps.get_model("convening.HomePage").objects.filter(depth=2, slug="home").delete()


class Migration(migrations.Migration):
    dependencies = [("convening", "0001_initial")]

    operations = [migrations.RunPython(create_home, remove_home)]
