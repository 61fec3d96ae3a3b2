from django.urls import path


def fail(request):
    raise RuntimeError("a bug")


urlpatterns = [path("fail/", fail)]
