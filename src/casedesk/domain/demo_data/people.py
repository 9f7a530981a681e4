"""Invented people of Milan: names, phone numbers, email and street addresses."""

from __future__ import annotations

import random
import unicodedata

from casedesk.domain.demo_data.words import Words


def ascii_slug(text: str, sep: str = "") -> str:
    """«Niccolò Viganò», "." -> niccolo.vigano: what fits in an address or a domain."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(ch for ch in decomposed if ch.isascii() and (ch.isalnum() or ch == " "))
    return sep.join(kept.split())


class People:
    """Draws from the generator's random stream, so the order of calls is the demo's."""

    def __init__(self, rng: random.Random, words: Words) -> None:
        self.rng = rng
        self.words = words
        # One address per name: the same person has the same email wherever they appear.
        self.emails: dict[str, str] = {}

    def person(self, world_share: float = 0.08) -> str:
        rng, words = self.rng, self.words
        if rng.random() < world_share:
            return f"{rng.choice(words.first_names_world)} {rng.choice(words.surnames_world)}"
        if rng.random() < 0.55:
            first = rng.choice(words.first_names_female)
        else:
            first = rng.choice(words.first_names_male)
        return f"{first} {rng.choice(words.surnames)}"

    def mobile(self) -> str:
        rng = self.rng
        prefix = rng.choice(self.words.mobile_prefixes)
        return f"+39 {prefix} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"

    def landline(self) -> str:
        rng = self.rng
        return f"+39 02 {rng.randint(2000, 9899)} {rng.randint(1000, 9999)}"

    def personal_email(self, name: str) -> str:
        email = self.emails.get(name)
        if email is None:
            email = self.emails[name] = f"{ascii_slug(name, '.')}@example.org"
        return email

    def address(self) -> str:
        street, postcode = self.rng.choice(self.words.streets)
        return f"{street} {self.rng.randint(1, 180)}, {postcode} Milano"
