from reader.cli import main

if __name__ == "__main__":  # import workers are spawned processes that import this module too
    raise SystemExit(main())
