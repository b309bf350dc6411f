export { createUser, disableUser, NewUser, UserExistsError } from './createUser';
export { DEMO_USERS, ensureDemoUsers } from './ensureDemoUsers';
