/** Chat output: replies on stdout, help texts on stderr (as Ollama writes them). */
export const say = (text: string) => process.stdout.write(`${text}\n`);
export const help = (text: string) => process.stderr.write(text);
