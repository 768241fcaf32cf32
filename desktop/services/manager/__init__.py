"""The store manager's console: reports over the local cache (arrivals, waits, exceptions, activity, charts, journal).

Every service here requires the manager role inside the service (a clerk gets a DomainError, not only a hidden
tab) and answers with `report.Report` tables: typed raw values (counts, kopecks, UTC moments, durations) that the
UI formats for the screen and the exports write as numbers and dates.
"""
