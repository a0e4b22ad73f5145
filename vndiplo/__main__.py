from vndiplo.serve.cli import main

main()
