from simkit.service.app import main

main()
