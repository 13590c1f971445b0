"""The app's screens, one module each."""

# The list of scenarios carries this class, so the app knows it without importing its module.
LIST_CLASS = "scenario-list"
