print("stt")
