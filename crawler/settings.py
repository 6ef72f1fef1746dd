"""Scrapy settings of the medalist crawler: every moving part, by import path and order.

medalist fills the ``MEDALIST_*`` settings and ``USER_AGENT`` from its own settings
(``medalist.crawling``); ``python -m crawler -s NAME=VALUE`` overrides any of them.
"""

BOT_NAME = "medalist"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# -- identity and politeness (docs/sources.md, "Politeness") --------------------------------------
USER_AGENT = "medalist (+https://github.com/medalist-crawler/medalist)"
ROBOTSTXT_OBEY = True
# Many hosts, each gently: many requests in flight overall, few and spaced out per host.
CONCURRENT_REQUESTS = 64  # MEDALIST_CONCURRENT_REQUESTS
CONCURRENT_REQUESTS_PER_DOMAIN = 2  # MEDALIST_HOST_CONCURRENCY
DOWNLOAD_DELAY = 1.0  # MEDALIST_HOST_DELAY: seconds between two requests to one host
AUTOTHROTTLE_ENABLED = True  # MEDALIST_AUTOTHROTTLE: a slow host gets a longer delay
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
# The next request goes to the host with the fewest requests in the downloader, so a slow or
# rate-limited host (or API) never fills the downloader while the others wait.
SCHEDULER_PRIORITY_QUEUE = "scrapy.pqueues.DownloaderAwarePriorityQueue"
CONCURRENT_REQUESTS_PER_IP = 0  # the queue above needs it off
REACTOR_THREADPOOL_MAXSIZE = 20  # the address guard resolves host names in threads
# The APIs at their documented limits, each in a slot of its own (crawler/apis.py; AutoThrottle
# leaves them alone). GitHub: 5,000 requests an hour with MEDALIST_GITHUB_TOKEN (60 without),
# requests made serially. ORCID public API: 12 requests a second per IP (bursts of 40).
# Wikidata: requests in series, with a descriptive User-Agent; we also keep to 5 a second.
DOWNLOAD_SLOTS = {
    "api:github": {"concurrency": 1, "delay": 0.75, "jitter": 0, "randomize_delay": False},
    "api:orcid": {"concurrency": 4, "delay": 1 / 12, "jitter": 0, "randomize_delay": False},
    "api:wikidata": {"concurrency": 1, "delay": 0.2, "jitter": 0, "randomize_delay": False},
}
# When an API (or a site) says its rate limit is spent, wait for its reset if that is at most
# this many seconds away; otherwise its remaining targets get an error and are retried next run.
MEDALIST_RATE_LIMIT_WAIT = 300.0  # MEDALIST_RATE_LIMIT_WAIT
MEDALIST_GITHUB_TOKEN = None  # MEDALIST_GITHUB_TOKEN: sent to MEDALIST_GITHUB_API only
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
    "crawler.middlewares.credentials.ApiTokenMiddleware": 460,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.retry.BackoffRetryMiddleware": 550,
    # answers pass it before the retries: a spent rate limit is waited out or reported, never
    # retried blindly; requests pass it after the guard and robots.txt
    "crawler.middlewares.ratelimit.RateLimitMiddleware": 560,
    # Scrapy's compression (590), redirect (600: a redirect comes back through the guard)
}
SPIDER_MIDDLEWARES = {
    # API requests go to their API's download slot before the scheduler sees them
    "crawler.middlewares.ratelimit.ApiSlotMiddleware": 60,
    # links are followed inside a spider's callback, bounded by MEDALIST_FOLLOW_DEPTH; Scrapy's
    # depth count is not used, and a personal site is not told which page led to it
    "scrapy.spidermiddlewares.depth.DepthMiddleware": None,
    "scrapy.spidermiddlewares.referer.RefererMiddleware": None,
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

# A response yields one result item: Scrapy's default (100) starts 100 item workers per response.
CONCURRENT_ITEMS = 1

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
