print("tts")
