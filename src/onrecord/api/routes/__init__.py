"""One router per resource."""
from . import actors, articles, events, network, statements, stats, threads, web

ROUTERS = (articles.router, statements.router, events.router, actors.router, threads.router, network.router,
           stats.router, stats.status_router)

__all__ = ["ROUTERS", "web"]
