print("indexer")
