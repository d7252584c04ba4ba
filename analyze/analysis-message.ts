import { MessageLevel } from "./messages";

/** One problem the analysis found, on one object the plan would apply. */
export interface AnalysisMessage {
    /** `MF` + 4 digits, from the catalogue in messages.ts. */
    code: string;
    /** The catalogue name, e.g. `ReferencedGatewayNotFound`. */
    name: string;
    level: MessageLevel;
    /** `Kind namespace/name` of the object the message is about. */
    object: string;
    /** The rendered template. */
    text: string;
}

/** Like istioctl: `Error [MF0102] (VirtualService default/reviews) Referenced subset not found: "v2" of host "reviews"`. */
export function formatMessage(m: AnalysisMessage): string {
    return `${m.level} [${m.code}] (${m.object}) ${m.text}`;
}
