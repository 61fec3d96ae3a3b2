import pytest

from tests.factories import EventPageFactory, RoomFactory, UserFactory
from tests.sessions.import_example import EXAMPLE_ROOMS


@pytest.fixture
def organiser(client):
    """A superuser signed in on `client`."""
    user = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(user)
    return user


@pytest.fixture
def event():
    """An event of 12-14 May 2031 in Europe/Zurich (UTC+2 in May), at the venue Geneva;
    a module that needs rooms or another venue defines its own."""
    return EventPageFactory()


@pytest.fixture
def example_rooms():
    """The rooms the import example books (at the Palais des Nations)."""
    return [RoomFactory(name=name) for name in EXAMPLE_ROOMS]
