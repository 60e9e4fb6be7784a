from itsmctl.cli import main

main()
