"""A real feed reader (newsboat) subscribes to the sample site's feeds."""

import re

from tests.support.newsboat import read_feeds
from tools.quality.server import serve

POST_URL = re.compile(r"^/\d{4}/[^/]+/$")


def test_newsboat_reads_the_site_and_a_campaign_feed(sample_site, tmp_path):
    archive_links = sample_site.html("/archives/").select("main a[href]")
    published = len({a["href"] for a in archive_links if POST_URL.match(a["href"])})
    campaign_page = sample_site.html("/campagnes/touscybervigilants/")
    in_campaign = len(campaign_page.select(".card"))
    assert published > 10 and in_campaign >= 3
    with serve(sample_site.output) as base:
        site_feed, campaign_feed = read_feeds(
            [
                f"{base}feeds/rss.xml",
                f"{base}campagnes/touscybervigilants/atom.xml",
            ],
            tmp_path,
        )
    assert site_feed.item_count == published, site_feed.errors
    assert campaign_feed.item_count == in_campaign, campaign_feed.errors
    titles = {item.title for item in campaign_feed.items}
    assert {a.get_text() for a in campaign_page.select(".card__title a")} == titles
    assert len({item.guid for item in site_feed.items}) == published
