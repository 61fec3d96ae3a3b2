from django.contrib.auth.backends import BaseBackend

from sessions.models import SessionRole


class RapporteurBackend(BaseBackend):
    """Lets a session's rapporteur into the admin, where the report page's permission
    tester decides what they may edit (only their own session's report)."""

    def has_perm(self, user_obj, perm, obj=None):
        return (
            perm == "wagtailadmin.access_admin"
            and user_obj.is_active
            and SessionRole.objects.filter(
                role=SessionRole.RAPPORTEUR, person__user_id=user_obj.pk
            ).exists()
        )
