"""Non-English articles are refused with E008 in clean mode; English (quoting other languages) passes."""
from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.errors import InputError
from onrecord.ingest import read_input
from onrecord.settings import IngestSettings

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "seed" / "000_f550be25ed6773a1.txt"
CLEAN, VERBATIM, UNCHECKED = IngestSettings(), IngestSettings(clean=False), IngestSettings(check_language=False)

FOREIGN = {
    "fr": ("Le gouvernement a annoncé mardi qu'il ne va pas augmenter les impôts cette année. « Nous ne "
           "changerons pas de cap », a déclaré la ministre des Finances aux journalistes. Le budget sera "
           "présenté au parlement le mois prochain, mais l'opposition a rejeté le projet."),
    "de": ("Die Regierung hat am Dienstag angekündigt, dass sie die Steuern in diesem Jahr nicht erhöhen wird. "
           "„Wir werden den Kurs nicht ändern“, sagte die Finanzministerin vor Journalisten. Der Haushalt "
           "soll im nächsten Monat dem Parlament vorgelegt werden, die Opposition lehnt den Plan ab."),
    "es": ("El gobierno anunció el martes que no va a subir los impuestos este año. «No vamos a cambiar el "
           "rumbo», dijo la ministra de Hacienda a los periodistas. El presupuesto se presentará al "
           "parlamento el próximo mes, pero la oposición rechazó el plan por completo."),
    "ru": ("Правительство во вторник заявило, что не будет повышать налоги в этом году. «Мы не изменим "
           "курс», — сказала министр финансов журналистам. Бюджет будет представлен парламенту в "
           "следующем месяце, но оппозиция уже отвергла этот план."),
    "ar": ("أعلنت الحكومة يوم الثلاثاء أنها لن ترفع الضرائب هذا العام. وقالت وزيرة المالية للصحفيين: "
           "«لن نغير مسارنا». وستقدم الميزانية إلى البرلمان الشهر المقبل، لكن المعارضة رفضت الخطة."),
    "zh": ("政府周二宣布，今年不会提高税收。财政部长对记者说：“我们不会改变方向。”预算将于下个月提交议会，"
           "但反对派已经拒绝了这一计划。议员们表示将在下周继续讨论。"),
    "he": ("הממשלה הודיעה ביום שלישי כי לא תעלה את המסים השנה. שרת האוצר אמרה לעיתונאים כי הממשלה לא "
           "תשנה את דרכה. התקציב יוגש לכנסת בחודש הבא, אך האופוזיציה דחתה את התוכנית."),
}
ENGLISH_QUOTING_FRENCH = (
    "The French finance minister said on Tuesday that taxes would not rise this year. \"Nous ne changerons "
    "pas de cap,\" she told reporters in Paris, which means the government will not change course. The "
    "budget will be presented to parliament next month, and opposition leaders in the Assemblée nationale "
    "said they would vote against it.")


@pytest.mark.parametrize("lang", sorted(FOREIGN))
def test_foreign_article_refused(lang):
    with pytest.raises(InputError) as err:
        read_input(FOREIGN[lang].encode(), source=f"{lang}.txt", settings=CLEAN)
    assert err.value.code == "E008" and f"'{lang}'" in err.value.reason


@pytest.mark.parametrize("lang", sorted(FOREIGN))
def test_foreign_html_refused(lang):
    page = f"<html><head><title>Budget</title></head><body><article><p>{FOREIGN[lang]}</p></article></body></html>"
    with pytest.raises(InputError) as err:
        read_input(page.encode(), source=f"{lang}.html", settings=CLEAN)
    assert err.value.code == "E008"


@pytest.mark.parametrize("settings", [VERBATIM, UNCHECKED])
def test_verbatim_or_unchecked_never_refuses(settings):
    for lang, text in FOREIGN.items():
        assert read_input(text.encode(), source=f"{lang}.txt", settings=settings).text


def test_english_quoting_french_passes():
    article = read_input(ENGLISH_QUOTING_FRENCH.encode(), source="en.txt", settings=CLEAN)
    assert article.language == "en"


@pytest.mark.parametrize("path", sorted((ROOT / "tests" / "fixtures" / "articles").glob("*.*"))
                         + sorted((ROOT / "examples" / "corpus").glob("*.txt"))
                         + sorted((ROOT / "examples" / "corpus").glob("*.html")), ids=lambda p: p.name)
def test_project_articles_pass_as_english(path):
    assert read_input(path.read_bytes(), source=path.name, settings=CLEAN).language == "en"


@pytest.mark.skipif(not SEED.is_file(), reason=f"{SEED} is absent (../shared is beside the project only in CI)")
def test_seed_passes_as_english():
    assert read_input(SEED.read_bytes(), source=SEED.name, settings=CLEAN).language == "en"


def test_cli_prints_one_error_line(tmp_path):
    from typer.testing import CliRunner

    from onrecord.cli.app import app
    (tmp_path / "fr.txt").write_text(FOREIGN["fr"], encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(tmp_path / "fr.txt"), "--format", "json"])
    assert result.exit_code == 1
    lines = [ln for ln in result.output.splitlines() if "[E008]" in ln]
    assert len(lines) == 1 and "'fr'" in lines[0]
