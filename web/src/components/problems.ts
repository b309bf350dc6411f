/**
 * How a refusal reads to the official: the API's Chinese title and detail, and its field errors
 * put beside the fields they name (the API's `errors[].path`, e.g. `deadlines.selfCheckEnd`).
 */
import type { FormInstance } from 'antd';
import { ApiError } from '../api/http';
import { currentLang, tr } from '../labels';

export function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    const zh = currentLang() === 'zh';
    const title = zh ? (err.problem.title_zh ?? err.problem.title) : err.problem.title;
    const detail = err.problem.detail;
    // In Chinese a detail is shown only when it is written in Chinese: a developer's English note helps no official.
    const shown = detail && detail !== err.problem.title && detail !== title && (!zh || /\p{Script=Han}/u.test(detail));
    return shown ? `${title}：${detail}` : title;
  }
  if (err instanceof TypeError) return tr('无法连接服务器，请检查网络后重试', 'The server cannot be reached; check the network and try again');
  return err instanceof Error ? err.message : String(err);
}

/** The form field a problem path names: `body.` and `query.` prefixes dropped, list indexes as numbers. */
export function fieldNameOf(problemPath: string): (string | number)[] {
  return problemPath
    .replace(/^(body|query|params)\.?/, '')
    .split('.')
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Puts each field error of the refusal beside its field in the form; answers the messages that
 * name no field of this form (to be shown above it), or the whole refusal's text when it has none.
 */
export function showProblemInForm(form: FormInstance, err: unknown): string[] {
  if (!(err instanceof ApiError) || !err.problem.errors?.length) return [errorText(err)];
  const known = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
  const unplaced: string[] = [];
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  for (const e of err.problem.errors) {
    const name = fieldNameOf(e.path);
    if (name.length > 0 && known.has(String(name[0]))) fields.push({ name, errors: [e.message] });
    else unplaced.push(e.message);
  }
  form.setFields(fields);
  return unplaced.length > 0 || fields.length === 0 ? [errorText(err), ...unplaced] : [];
}
