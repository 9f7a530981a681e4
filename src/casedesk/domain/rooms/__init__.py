"""The room calendar's rules: recurrence, booking checks, layout, finder and load.

Plain Python on plain data (no Qt, no database): the services read rows, turn them
into these dataclasses, and write back what these functions decide. All datetimes
are naive Milan wall-clock times (see domain.calendar_time).

- recurrence: a repeat rule (RecurrenceSpec) ↔ RFC 5545 RRULE text, its dates, its
  Italian description.
- series: a booking series as rule + skipped dates + one-off changes, and the three
  edit scopes (only this one, this and the following, the whole series).
- room_hours: when the rooms may be used (weekly room hours) and closures.
- schedule: rooms, booked slots, the per-room index and the conflict check
  (whole rooms with buffers, co-working shared by seats).
- booking_rules: a single booking's validation and verdict, and the series preview.
- overlap_layout: columns for drawing overlapping bookings side by side.
- room_finder: «Trova uno spazio».
- month_load: booked minutes and share of the room hours, per room per day.

How a service uses it (one transaction, conflicts checked again inside it):

1. Rooms → `RoomInfo` (equipment as the coordinator's item names); the room hours
   setting → `RoomHours` (`opening_hours.from_json` shape); closure rows → `Closure`.
2. What to check → slots; `schedule.windows_to_read(slots, room.buffer)` → the
   ranges to SELECT (`start_at < hi AND end_at > lo`, cancelled rows left out,
   provisional ones kept) → `BookedSlot`s → `BookingIndex`.
3. One booking: `booking_rules.check_booking(...)` → `Verdict`; write it when
   `verdict.permits(role, reason)`; show `errors`/`warnings` beside their fields.
4. A series: `SeriesPattern.from_stored` / `to_stored` map the `booking_series` row,
   skipped dates are `series.skipped_from_json(row.exceptions)`, one-off changes the
   bookings that replace an occurrence; `booking_rules.preview_series` lists every
   date; the edit scopes are `series.change_one` / `skip_dates` (only this one),
   `split_series` (this and the following), `edit_whole_series` (the whole series).
"""
