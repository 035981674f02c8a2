"""The web app in headless Chromium against `onrecord serve`: navigation, safety, keyboard."""
from __future__ import annotations

import re

from .conftest import MARKUP_ARTICLE, SEED, open_route


def _article_id(api, source_name: str) -> str:
    """Id of the stored article whose source path ends with source_name."""
    items = api("/api/articles?limit=200")["items"]
    matches = [a["id"] for a in items if (a.get("source") or "").endswith(source_name)]
    assert matches, f"{source_name} is not in the store"
    return matches[0]


def _statement_in_largest_thread(api, article_id: str) -> tuple[str, str, int]:
    """(statement id, thread id, thread members) of the article's statement in its largest thread."""
    record = api(f"/api/articles/{article_id}")
    sizes = {t["statement_id"]: (t["thread_id"], api(f"/api/threads/{t['thread_id']}")["members"]) for t in record["threads"]}
    assert sizes, "the article has no statement in a claim thread"
    statement_id, (thread_id, members) = max(sizes.items(), key=lambda kv: kv[1][1])
    return statement_id, thread_id, members


def test_statement_highlight_leads_to_its_thread(page, api, artifacts):
    source = SEED.name if SEED.is_file() else "03-russia-un-envoy-denies-purchase.html"
    article_id = _article_id(api, source)
    statement_id, thread_id, members = _statement_in_largest_thread(api, article_id)
    assert members >= 3

    open_route(page, "#/", "home")
    assert page.get_by_test_id("thread-row").count() >= 3
    assert page.get_by_test_id("article-row").count() >= 10
    page.screenshot(path=str(artifacts / "home.png"), full_page=True)

    open_route(page, f"#/article/{article_id}", "article")
    cue = page.locator(f"[data-cue~='{statement_id}']").first
    cue_text = next(s["cue"]["text"] for s in api(f"/api/articles/{article_id}")["statements"] if s["id"] == statement_id)
    assert cue.text_content() == cue_text
    cue.click()
    inspector = page.get_by_test_id("inspector")
    assert inspector.is_visible()
    assert page.get_by_test_id(f"stmt-item-{statement_id}").get_attribute("class").split().count("is-selected") == 1
    page.screenshot(path=str(artifacts / "article.png"))
    actor_link = inspector.get_by_test_id("inspector-actor-link")
    actor_code = actor_link.text_content() if actor_link.count() else "PRK"

    inspector.get_by_test_id("inspector-thread-link").click()
    page.wait_for_selector("main[data-ready='thread']")
    assert page.url.endswith(f"#/thread/{thread_id}")
    stances = page.get_by_test_id("thread-stance")
    assert stances.count() == members
    assert {stances.nth(i).get_attribute("data-stance") for i in range(stances.count())} <= {"alleged", "denied", "confirmed"}
    status = page.get_by_test_id("thread-current-status").text_content()
    assert status == api(f"/api/threads/{thread_id}")["status"]
    page.screenshot(path=str(artifacts / "thread.png"), full_page=True)

    # Each stance links back to its statement, which opens selected in its article.
    first = stances.first.get_by_test_id("stance-link")
    href = first.get_attribute("href")
    match = re.fullmatch(r"#/article/([0-9a-f]+)\?s=(s\d+)", href or "")
    assert match, href
    first.click()
    page.wait_for_selector("main[data-ready='article']")
    page.wait_for_selector(f"[data-testid='stmt-item-{match.group(2)}'].is-selected")
    assert page.get_by_test_id("inspector").is_visible()

    open_route(page, f"#/actor/{actor_code}", "actor")
    assert page.get_by_test_id("actor-code").text_content() == actor_code
    assert page.get_by_test_id("actor-timeline").count() == 1
    page.screenshot(path=str(artifacts / "actor.png"), full_page=True)

    open_route(page, "#/network", "network")
    nodes = page.get_by_test_id("network-node")
    assert nodes.count() >= 2
    assert page.get_by_test_id("network-edge").count() == page.locator("[data-testid='edge-table'] tbody tr").count()
    page.screenshot(path=str(artifacts / "network.png"), full_page=True)
    nodes.first.click()
    page.wait_for_selector("main[data-ready='actor']")


def test_markup_in_article_text_is_shown_not_run(page, api, artifacts):
    article_id = _article_id(api, MARKUP_ARTICLE.name)
    record = api(f"/api/articles/{article_id}")
    assert "<script>window.__pwned=1</script>" in record["article"]["text"]

    open_route(page, f"#/article/{article_id}", "article")
    text = page.get_by_test_id("article-text").text_content()
    assert text == record["article"]["text"]
    for literal in ("<script>window.__pwned=1</script>", '<img src=x onerror="window.__pwned=2">', "[/b]"):
        assert literal in text
    assert page.get_by_test_id("article-title").text_content() == record["article"]["title"]
    assert page.locator("main script, main img").count() == 0
    assert page.evaluate("window.__pwned") is None
    # Astral characters (🛡, 𝒮) come before these spans: code-point offsets must be converted to UTF-16.
    for statement in record["statements"]:
        assert page.locator(f"[data-cue~='{statement['id']}']").first.text_content() == statement["cue"]["text"]
    page.screenshot(path=str(artifacts / "markup-article.png"))

    # The same strings through search results, the home list and the statement list.
    open_route(page, "#/?q=" + "window.__pwned", "home")
    assert page.get_by_test_id("statement-row").count() >= 1
    assert "<script>window.__pwned=1</script>" in page.get_by_test_id("search-statements").text_content()
    assert page.evaluate("window.__pwned") is None


def test_keyboard_navigation(page, api):
    open_route(page, "#/", "home")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.dataset.testid") == "search-input"
    page.keyboard.type("ammunition")
    page.keyboard.press("Enter")
    # the route changes asynchronously: wait for the new URL, then for the search results
    page.wait_for_url("**/#/?q=ammunition")
    page.wait_for_selector("main[data-ready='home'] [data-testid='statement-row']")
    assert page.get_by_test_id("statement-row").count() >= 1

    assert page.evaluate("document.activeElement.id") == "main"  # results take the focus
    page.keyboard.press("j")
    first = page.evaluate("document.activeElement.closest('[data-nav]').dataset.testid")
    assert first == "statement-row"
    page.keyboard.press("j")
    page.keyboard.press("k")
    assert page.evaluate("document.activeElement.closest('[data-nav]') === document.querySelector('[data-nav]')")
    href = page.evaluate("document.activeElement.getAttribute('href')")
    assert href.startswith("#/article/")
    page.keyboard.press("Enter")
    page.wait_for_selector("main[data-ready='article']")
    assert page.get_by_test_id("inspector").is_visible()  # the search hit opens selected
    page.keyboard.press("Escape")  # closes the detail card
    assert not page.get_by_test_id("inspector").is_visible()
    page.keyboard.press("Escape")  # goes back
    page.wait_for_selector("main[data-ready='home']")
    assert page.url.endswith("#/?q=ammunition")

    page.keyboard.press("g")
    page.keyboard.press("n")
    page.wait_for_selector("main[data-ready='network']")
    page.keyboard.press("?")
    assert page.get_by_test_id("help-dialog").is_visible()
