"""One way of writing dates per staff language (Django's FORMAT_MODULE_PATH).

Every page shows dates through ``ostoja.dates.show`` (the ``when`` template filter), which reads
these formats; Django's own rendering of a bare date uses them too, so no other format appears.
"""
