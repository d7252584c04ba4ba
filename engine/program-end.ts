/**
 * When a program run offline has ended. A Pulumi program ends when it settles or, once it has failed, when
 * Node's event loop drains: the language host reports the unhandled rejection (a resource whose inputs
 * failed) and the process exits, although promises that will never settle (that resource's URN, and
 * everything awaiting it) are still awaited. The engine runs inside a test's process, whose event loop does
 * not drain: a failed program that has gone quiet stands in for it.
 */
export type ProgramEnd = "settled" | "failed and quiet";

/**
 * @param progress whether the program has failed, and a count that grows while it is still doing something
 *   (resources registered, problems reported)
 */
export async function untilProgramEnds(run: Promise<void>, progress: () => { failed: boolean; activity: number }, quietMs = 500): Promise<ProgramEnd> {
    let timer: NodeJS.Timeout | undefined;
    const quiet = new Promise<ProgramEnd>((resolve) => {
        let last = -1;
        let since = Date.now();
        timer = setInterval(() => {
            const { failed, activity } = progress();
            if (activity !== last) {
                last = activity;
                since = Date.now();
            } else if (failed && Date.now() - since >= quietMs) {
                resolve("failed and quiet");
            }
        }, 50);
    });
    try {
        return await Promise.race([run.then((): ProgramEnd => "settled"), quiet]);
    } finally {
        clearInterval(timer);
    }
}
