from medalist.cli import main

main()
