// Pulumi runs the default export and publishes what it returns as the stack outputs.
import { federation } from "./federation";

export default federation;
