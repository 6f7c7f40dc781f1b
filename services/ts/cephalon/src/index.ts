// The agent's brain stand-in: shows the identity the agent's apps share.
const agent: string = process.env.AGENT_NAME ?? "nobody";
console.log(`cephalon for ${agent} online in ${process.env.DEFAULT_CHANNEL_NAME}`);
setInterval(() => console.log(`cephalon (${agent}): thinking`), 20_000);
