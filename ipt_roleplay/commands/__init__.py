"""One module per subcommand; see ipt_roleplay.cli for the contract."""
