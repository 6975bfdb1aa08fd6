import { bodyRead } from './bad-input';

/** Marks the body as read and checks it (see bad-input.ts). */
export default bodyRead;
