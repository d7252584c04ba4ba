/** Config keys as the `pulumi` CLI names them: `meshfed:<key>`. */
export const PROJECT = "meshfed";
export const key = (k: string) => `${PROJECT}:${k}`;
