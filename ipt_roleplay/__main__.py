import sys

from ipt_roleplay.cli import main

sys.exit(main())
