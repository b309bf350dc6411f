// Runs in every test file (jest setupFilesAfterEnv): what the file's tests left behind goes.
import { removeTempDirs } from './tempDirs';

afterAll(removeTempDirs);
