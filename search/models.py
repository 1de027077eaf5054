"""What search keeps beyond Wagtail's query hits: how often a query found nothing, per day."""

from django.db import models
from wagtail.contrib.search_promotions.models import Query


class ZeroResultDailyHits(models.Model):
    """Searches for a query on one day that found no product, story or category.

    Wagtail's ``QueryDailyHits`` counts every search; this counts the subset that came
    back empty, so the query report can list what shoppers look for and do not find.
    Rows go when their ``Query`` goes (``Query.garbage_collect``).
    """

    query = models.ForeignKey(Query, on_delete=models.CASCADE, related_name="zero_result_daily_hits")
    date = models.DateField()
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["query", "date"], name="search_zero_result_query_date")
        ]
        verbose_name = "searches with no results (per day)"
        verbose_name_plural = "searches with no results (per day)"

    def __str__(self):
        return f"{self.query} on {self.date}: {self.hits}"
