"""Scrapy settings of the medalist crawler: every moving part, by import path and order.

medalist fills the ``MEDALIST_*`` settings and ``USER_AGENT`` from its own settings
(``medalist.crawling``); ``python -m crawler -s NAME=VALUE`` overrides any of them.
"""

BOT_NAME = "medalist"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# -- identity and politeness --------------------------------------------------------------------
USER_AGENT = "medalist (+https://github.com/medalist-crawler/medalist)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

# -- safety limits -------------------------------------------------------------------------------
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
REDIRECT_MAX_TIMES = 5
METAREFRESH_ENABLED = False
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
RETRY_BACKOFF_BASE = 1.0
RETRY_BACKOFF_MAX = 30.0
MEDALIST_RETRY_AFTER_MAX = 60.0
MEDALIST_FOLLOW_DEPTH = 2
MEDALIST_LINKS_MAX = 20
MEDALIST_PARSE_BUDGET = 10.0  # seconds one document may take to parse (crawler/budget.py)

# -- where the sources are (contract section 3) ----------------------------------------------
MEDALIST_ORCID_API = "https://pub.orcid.org/v3.0"
MEDALIST_GITHUB_API = "https://api.github.com"
MEDALIST_WIKIDATA_API = "https://www.wikidata.org/wiki/Special:EntityData"
MEDALIST_WIKIDATA_LABELS_API = None  # derived from MEDALIST_WIKIDATA_API when unset
MEDALIST_ALLOW_HOSTS: list[str] = []
MEDALIST_BROWSER = None
MEDALIST_REDIS_URL = None
MEDALIST_RESULTS_FILE = None

# -- the components, in order ------------------------------------------------------------------
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
# connections resolve through the address guard's pinned answers, never to a refused address
TWISTED_DNS_RESOLVER = "crawler.resolver.GuardedResolver"
DOWNLOADER_MIDDLEWARES = {
    # first: nothing leaves before its scheme, host and every resolved address are checked
    "crawler.middlewares.guard.AddressGuardMiddleware": 10,
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.middlewares.robots.StrictRobotsTxtMiddleware": 100,
    # Scrapy's timeout (350), default headers (400), user agent (500)
    "crawler.middlewares.conditional.ConditionalRequestMiddleware": 450,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.retry.BackoffRetryMiddleware": 550,
    # Scrapy's compression (590), redirect (600: a redirect comes back through the guard)
}
ITEM_PIPELINES = {
    "crawler.pipelines.ValidateRecordsPipeline": 100,
    "crawler.pipelines.ResultsWriterPipeline": 900,
}
# JavaScript pages (website, team_page): those spiders' DOWNLOAD_HANDLERS for http(s) are
# crawler.handlers.OnDemandBrowserHandler, which hands requests whose meta has "playwright": True
# to scrapy-playwright (started at the first one, Chromium behind crawler.proxy.GuardProxy) and
# the rest to Scrapy's HTTP handler. The runner sets PLAYWRIGHT_LAUNCH_OPTIONS (which Chromium)
# and PLAYWRIGHT_ABORT_REQUEST (refused URLs aborted inside the page).
PLAYWRIGHT_BROWSER_TYPE = "chromium"
PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT = 30_000
# Distributed crawls (MEDALIST_REDIS_URL set; crawler/distributed.py): the runner switches the
# scheduler and dupefilter to these, with queues under MEDALIST_REDIS_PREFIX.
REDIS_SCHEDULER = "scrapy_redis.scheduler.Scheduler"
REDIS_DUPEFILTER_CLASS = "scrapy_redis.dupefilter.RFPDupeFilter"
MEDALIST_REDIS_PREFIX = "medalist:crawl"
MEDALIST_CRAWL_RUN = None  # the run id; a new one per coordinator when unset
MEDALIST_REDIS_WAIT = 600.0  # how long a coordinator waits for other processes' results
MEDALIST_WORKER_POLL = 1.0  # how often an idle worker looks for requests, seconds
MEDALIST_WORKER_IDLE_EXIT = 0.0  # a worker exits after this long without work (0: never)

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
