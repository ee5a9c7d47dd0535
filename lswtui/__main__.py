from lswtui.cli import main

raise SystemExit(main())
