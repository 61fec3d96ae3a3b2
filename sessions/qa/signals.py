"""Whatever may make someone a session's moderator or take it away: a moderating role
on the session (or the account behind its person), organiser rights on the event
(Wagtail's page permissions, through groups, or being a superuser) and the account being
active. A change to any of them tells every moderators' socket to check its role again
(services.roles_changed), so a demoted moderator stops receiving what only moderators
may see without reconnecting."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from wagtail.models import GroupPagePermission

from sessions.floor import services as floor
from sessions.models import Person, SessionRole
from sessions.qa import services

# A user saved with only these fields (as at every sign-in) keeps their rights.
USER_RIGHTS = {"is_active", "is_superuser", "is_staff", "password"}


def _changed(**kwargs):
    services.roles_changed()


def _user_saved(instance, created, update_fields=None, **kwargs):
    if created or (update_fields is not None and not USER_RIGHTS & set(update_fields)):
        return
    services.roles_changed()


def _m2m_changed(action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        services.roles_changed()


def _user_deleting(sender, instance, **kwargs):
    services.forget_author(instance)
    floor.forget_speaker(instance)


def connect():
    User = get_user_model()
    # However an account goes (its owner, the admin's user list), its questions and
    # requests to speak stay, without its name.
    pre_delete.connect(_user_deleting, sender=User, dispatch_uid="qa-forget-author")
    uid = "qa-roles"
    post_save.connect(_user_saved, sender=User, dispatch_uid=f"{uid}-user")
    post_delete.connect(_changed, sender=User, dispatch_uid=f"{uid}-user")
    for through in (
        User.groups.through,
        User.user_permissions.through,
        Group.permissions.through,
    ):
        m2m_changed.connect(
            _m2m_changed, sender=through, dispatch_uid=f"{uid}-{through}"
        )
    for model in (SessionRole, Person, GroupPagePermission, Group):
        for signal in (post_save, post_delete):
            signal.connect(_changed, sender=model, dispatch_uid=f"{uid}-{model}")
