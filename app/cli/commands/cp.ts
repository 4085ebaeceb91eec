import { connect } from "../connect.js";

/** `paddock cp SOURCE DESTINATION` */
export async function cpCommand(source: string, destination: string): Promise<void> {
  await (await connect()).copy(source, destination);
  process.stdout.write(`copied '${source}' to '${destination}'\n`);
}
