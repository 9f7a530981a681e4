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
"""
