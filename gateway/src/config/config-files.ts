/**
 * Reads the files a configuration names: each that cannot be used adds one problem, naming
 * the variable and the path, to `problems` (and yields undefined), so a process reports
 * every bad file at once instead of the first.
 */
export function configFileReader(problems: string[]) {
  return <T>(variable: string, path: string, read: (path: string) => T): T | undefined => {
    try {
      return read(path);
    } catch (error) {
      problems.push(`${variable}: cannot use ${path}: ${(error as Error).message.split('\n')[0]}`);
      return undefined;
    }
  };
}
