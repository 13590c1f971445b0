"""The bundled scenario files. Installed as the data package ``ipt_roleplay.scenarios``."""
