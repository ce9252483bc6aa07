"""Searching the data: the Timeline's search of events, which knows former and other names, Latin and
Cyrillic, and reads a year; and the plain search of any table's cells. Pure; no Streamlit."""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from c5dash.data import Dataset


def search_rows(frame: pd.DataFrame, text: str) -> pd.DataFrame:
    """Rows where any cell contains `text`, ignoring case; all rows when `text` is blank."""
    needle = text.strip().lower()
    if not needle:
        return frame
    haystack = frame.astype("str").apply(lambda col: col.str.lower())
    mask = haystack.apply(lambda col: col.str.contains(needle, regex=False)).any(axis=1)
    return frame[mask]


# Other usual forms of the names of the capitals and the countries, Latin and Cyrillic, that the
# search should know besides the data's own names and former names (places.csv, countries.csv).
NAME_FORMS = {
    "astana": "Астана Нур-Султан Акмола Aqmola",
    "almaty": "Алматы Алма-Ата",
    "bishkek": "Бишкек Фрунзе",
    "dushanbe": "Душанбе",
    "ashgabat": "Ашхабад Ашгабат Aşgabat Ashgabad",
    "tashkent": "Toshkent Ташкент Тошкент",
    "samarkand": "Самарканд Самарқанд",
    "KAZ": "Казахстан Қазақстан Qazaqstan Kazakstan",
    "KGZ": "Кыргызстан Киргизия Kyrgyzstan Kirgizia",
    "TJK": "Таджикистан Тоҷикистон Tojikiston",
    "TKM": "Туркменистан Türkmenistan",
    "UZB": "Узбекистан Ўзбекистон Oʻzbekiston O'zbekiston",
    "USA": "США",
}
_YEAR = re.compile(r"^\d{4}$")


def _normal(text: object) -> str:
    """Lower case words of letters and digits, single-spaced, accents dropped: 'Nur-Sultan' and
    'nur  sultan' match, 'Aşgabat' and 'Asgabat' match, 'Nursultan' does not."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", str(text).lower()) if not unicodedata.combining(c))
    return " ".join(re.findall(r"[^\W_]+", folded))


def search_words(text: str) -> list[str]:
    """What a search looks for: each word between spaces in letters and digits only, lower case, accents
    dropped; a hyphenated word stays one ('Alma-Ata' is 'alma ata', not 'alma' and 'ata' anywhere)."""
    return [word for word in map(_normal, str(text).split()) if word]


def search_events(ds: Dataset, events: pd.DataFrame, text: str) -> pd.DataFrame:
    """Events matching every word of `text` (`search_words`), each at the start of a word, in title,
    summary, place, countries or people, former and other names included; a four-digit word matches
    the year the event started or ended.

    'Alma-Ata', 'Nur-Sultan', 'Kirghizia', 'Rakhmonov', 'Toshkent' or 'Ташкент' find the events of
    Almaty, Astana, Kyrgyzstan, Emomali Rahmon and Tashkent; 'Tashkent 2023' those of Tashkent in 2023.
    """
    words = search_words(text)
    if not words or events.empty:
        return events
    places = ds.places.set_index("place_id")
    countries = ds.countries.set_index("iso3")
    other_names = ds.office_holders.groupby("person")["alternate_names"].agg(lambda v: " ".join(v.dropna()))
    people = ds.event_people.groupby("event_id")["person"].agg(list)

    def haystack(row: pd.Series) -> str:
        parts = [row["title"], row["summary"], row["place"]]
        if pd.notna(row["place_id"]):
            parts += [places.at[row["place_id"], "alternate_names"], NAME_FORMS.get(row["place_id"])]
        for code in row["countries"]:
            country = countries.loc[code]
            parts += [country["name"], country["official_name"], country["alternate_names"], NAME_FORMS.get(code)]
        for person in people.get(row["event_id"], []):
            parts += [person, other_names.get(person, "")]
        return " " + " ".join(_normal(p) for p in parts if isinstance(p, str)) + " "

    texts = events.apply(haystack, axis=1)
    years = events["start_date"].dt.year.astype(str) + " " + events["end_date"].dt.year.astype(str)
    keep = pd.Series(True, index=events.index)
    for word in words:
        if _YEAR.match(word):
            keep &= years.str.contains(word, regex=False)
        else:
            keep &= texts.str.contains(" " + word, regex=False)  # at the start of a word
    return events[keep]
