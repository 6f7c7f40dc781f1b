// LLM gateway stand-in, run from source with tsx (node_modules/.bin/tsx after `npm install`).
enum Model {
  Small = "small",
  Large = "large",
}

const model: Model = (process.env.LLM_MODEL as Model) ?? Model.Small;
console.log(`llm gateway ready with model ${model} (typescript, pid ${process.pid})`);
const timer = setInterval(() => console.log(`llm: 0 prompts in the last 10s`), 10_000);
process.on("SIGTERM", () => clearInterval(timer));
