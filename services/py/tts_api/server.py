"""Text-to-speech API stand-in: a stdlib HTTP server; the port comes from args (like uvicorn --port)."""
import argparse
import http.server
import json


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps({"status": "ok", "service": "tts_api"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt, *args):
        print("request: " + fmt % args)


parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, default=5001)
options = parser.parse_args()
server = http.server.ThreadingHTTPServer(("127.0.0.1", options.port), Handler)
print(f"tts_api serving on http://127.0.0.1:{options.port}/")
server.serve_forever()
