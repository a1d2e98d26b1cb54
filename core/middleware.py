"""Thai is the product's language unless the user chose English with the switch.

Browsers of officials often advertise English first; the product should not
follow them. The language cookie set by the switch still wins.
"""


class ThaiByDefaultMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
