"""``manage.py check`` refuses to start with a broken indicator file."""

from django.core import checks

from ostoja.identification import indicators


@checks.register()
def indicator_file(app_configs, **kwargs):
    try:
        indicators.load_path(indicators.DEFAULT_PATH)
    except indicators.IndicatorFileError as error:
        return [checks.Error(str(error), id="identification.E001")]
    return []
