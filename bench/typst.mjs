// Compiles program.typ in the current folder to program.pdf with the
// Typst compiler from npm (@myriaddreamin/typst-ts-node-compiler), with
// the fonts of FONT_DIR.
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import fs from 'fs';
const compiler = NodeCompiler.create({ workspace: '.', fontArgs: [{ fontPaths: [process.env.FONT_DIR || '.'] }] });
const pdf = compiler.pdf({ mainFileContent: fs.readFileSync('program.typ', 'utf8') });
fs.writeFileSync('program.pdf', pdf);
