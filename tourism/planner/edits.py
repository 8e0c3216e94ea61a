"""Editing a plan: the earlier request with the tourist's changes, re-planned as a new itinerary.

The earlier itinerary stays as it was (its permalink keeps working); every place locked to a day
before stays locked unless the change removes or unlocks it.
"""

REQUEST_CHANGES = ("day_start", "day_end", "days", "bases", "max_travel_minutes_per_day", "mode")


def planned_day(result: dict, poi_id: str) -> int | None:
    """The day (from 1) on which the earlier plan visits the place, or None."""
    for number, day in enumerate(result["days"], start=1):
        if any(stop["poi_id"] == poi_id for stop in day["stops"]):
            return number
    return None


def edited_request(request: dict, result: dict, changes: dict) -> dict:
    """The earlier request (as stored) with ``changes`` applied, ready for ItineraryRequestSchema."""
    edited = {key: value for key, value in request.items() if key != "background"}
    must, avoid = list(edited.get("must_visit", [])), list(edited.get("avoid", []))
    locks = {lock["poi_id"]: lock["day"] for lock in edited.get("locked", [])}
    for poi_id in changes.get("remove", []):
        locks.pop(poi_id, None)
        must = [p for p in must if p != poi_id]
        avoid.append(poi_id)
    for poi_id in changes.get("unlock", []):
        locks.pop(poi_id, None)
    for poi_id in changes.get("add", []):
        avoid = [p for p in avoid if p != poi_id]
        must.append(poi_id)
    for lock in changes.get("lock", []):
        day = lock.get("day") or planned_day(result, lock["poi_id"])
        if day is not None:
            locks[lock["poi_id"]] = day
    if "day_hours" in changes:
        hours = {entry["day"]: entry for entry in edited.get("day_hours", [])}
        hours.update({entry["day"]: entry for entry in changes["day_hours"]})
        edited["day_hours"] = [hours[day] for day in sorted(hours)]
    for key in REQUEST_CHANGES:
        if key in changes:
            edited[key] = changes[key]
    days = edited.get("days", 1)
    if "days" in changes and edited.get("bases") is not None and "bases" not in changes:
        bases = list(edited["bases"])[:days - 1]
        edited["bases"] = bases + [None] * (days - 1 - len(bases))
    edited["must_visit"] = list(dict.fromkeys(must))
    edited["avoid"] = list(dict.fromkeys(avoid))
    edited["locked"] = [{"poi_id": poi_id, "day": day} for poi_id, day in locks.items()]
    return edited
