"""Discord indexer stand-in: reads the agent's shared identity from the environment."""
import os
import time

print(f"indexing channel {os.environ.get('DEFAULT_CHANNEL_NAME')} for agent {os.environ.get('AGENT_NAME')}"
      f" (token {'set' if os.environ.get('DISCORD_TOKEN') else 'missing'})")
while True:
    time.sleep(15)
    print("indexed 0 new messages")
