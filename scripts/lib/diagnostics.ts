/**
 * Compile and type errors in a learner's chapter files. jest runs TypeScript transpile-only, so a
 * type error never fails a test and a syntax error only says "the test file could not run". This
 * module type-checks just the chapter's own files (not the whole project, so it takes a second
 * or two) and returns each error as the compiler prints it, with the line it points at.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** One error in one of the chapter's files. */
export interface CompileError {
  /** The file, relative to the chapter folder ("forward.ts"). */
  readonly file: string;
  /** 1-based line and column. */
  readonly line: number;
  readonly column: number;
  /** "error TS1109: Expression expected". */
  readonly text: string;
  /** True for a syntax error: the file cannot load at all. */
  readonly syntax: boolean;
  /** The source line and a caret under the column, for the learner to see. */
  readonly excerpt: readonly string[];
}

/** "forward.ts:20:26 error TS1109: Expression expected". */
export function formatCompileError(error: CompileError): string {
  return `${error.file}:${error.line}:${error.column} ${error.text}`;
}

function compilerOptions(root: string): ts.CompilerOptions {
  const configPath = path.join(root, 'tsconfig.json');
  const read = ts.readConfigFile(configPath, (file) => ts.sys.readFile(file));
  const parsed = ts.parseJsonConfigFileContent(read.config ?? {}, ts.sys, root);
  return { ...parsed.options, noEmit: true, incremental: false, types: ['node'] };
}

/**
 * Type-checks the non-test TypeScript files of a chapter folder and returns their errors (errors
 * in the files they import, such as kernels/, are not the learner's and are left out).
 */
export function chapterCompileErrors(chapterFolder: string, root: string): CompileError[] {
  if (!fs.existsSync(chapterFolder)) return [];
  const files = fs
    .readdirSync(chapterFolder)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.fixtures.ts'))
    .map((name) => path.join(chapterFolder, name));
  if (files.length === 0) return [];
  const program = ts.createProgram(files, compilerOptions(root));
  const sources = files.map((file) => program.getSourceFile(file)).filter((source): source is ts.SourceFile => source !== undefined);
  // A syntax error makes the compiler's other complaints (in that file and in the files that
  // import it) noise: then only the first syntax error of each file is reported.
  const syntactic = sources.map((source) => [source, program.getSyntacticDiagnostics(source).slice(0, 1)] as const);
  const anySyntax = syntactic.some(([, diagnostics]) => diagnostics.length > 0);
  const errors: CompileError[] = [];
  for (const [source, syntax] of syntactic) {
    const file = source.fileName;
    if (anySyntax && syntax.length === 0) continue;
    const diagnostics = anySyntax ? syntax : program.getSemanticDiagnostics(source);
    for (const diagnostic of diagnostics) {
      if (diagnostic.category !== ts.DiagnosticCategory.Error || diagnostic.start === undefined) continue;
      const { line, character } = source.getLineAndCharacterOfPosition(diagnostic.start);
      const lineText = source.text.split('\n')[line] ?? '';
      const number = String(line + 1);
      errors.push({
        file: path.basename(file),
        line: line + 1,
        column: character + 1,
        text: `error TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ').replace(/\.$/, '')}`,
        syntax: anySyntax,
        excerpt: [`${number} | ${lineText.replace(/\s+$/, '')}`, `${' '.repeat(number.length)} | ${' '.repeat(character)}^`],
      });
    }
  }
  return errors;
}
