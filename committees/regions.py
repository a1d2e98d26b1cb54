"""Region of each province by Ministry of Interior code (six-region geographic scheme)."""

from committees.choices import Region

_BY_CODE: dict[str, str] = {}


def _put(region: Region, codes: str) -> None:
    for code in codes.split():
        _BY_CODE[code] = region.value


_put(Region.CENTRAL, "10 11 12 13 14 15 16 17 18 19 26 60 61 62 64 65 66 67 72 73 74 75")
_put(Region.EAST, "20 21 22 23 24 25 27")
_put(Region.NORTHEAST, "30 31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49")
_put(Region.NORTH, "50 51 52 53 54 55 56 57 58")
_put(Region.WEST, "63 70 71 76 77")
_put(Region.SOUTH, "80 81 82 83 84 85 86 90 91 92 93 94 95 96")


def region_of(code: str) -> str:
    return _BY_CODE[code]
