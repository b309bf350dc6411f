/**
 * The detail sheet's text, composed in PostgreSQL from the classified relation (detailSql), so a
 * 100,000-row table streams as ready strings and the server works while the writer writes.
 * Cases one city at a time, in case-number order: the plan is an index scan with nested loops,
 * so rows flow from the first fetch while PostgreSQL works ahead of the writer. Self-check
 * subjects in one cursor for all cities, merged in after each city's cases by detailRows.
 * $4 (boolean): prefix 备注 with the city (the province-wide table).
 */
import { casesBranch, classified, MAP, registryCtes, selfCheckBranches, selfCheckCtes } from './detailSql';
import type { RowSet } from './reportKinds';

// Dates print as YYYY-MM-DD: inReportSnapshot sets DateStyle to ISO (cheaper than to_char per row).
const DATE = (e: string) => `(${e})::text`;
const CITY_BUREAU = `(${MAP('city')} ->> city_code::text) || '住房和城乡建设局'`;
const PROVINCE_DEPT = `'吉林省住房和城乡建设厅'`;
const FIRST_UNIT = 'units[1]';

/**
 * The 15 text columns after 序号, in summaryLayout DETAIL_COLUMNS order. 注册类别, 问题类型 and a
 * violation's 处理措施 ('#' first: the column otherwise holds free text) come as comma-separated
 * codes (CONSTRUCTOR_2; SS_UNIT_MISMATCH, COMPLAINT; #REVOKE_REGISTRATION …) that detailRows turns
 * into labels: a few hundred distinct values, cheaper mapped once in the writer than per row here.
 */
const DISPLAY = `coalesce(name, ''),
  coalesce(id_number, ''),
  coalesce(array_to_string(cats, ','), ''),
  coalesce(array_to_string(nums, '；'), ''),
  coalesce(array_to_string(units, '；'), ''),
  coalesce(ss_unit, ''),
  coalesce(fund_unit, ''),
  CASE WHEN section = 1 THEN concat_ws(',', CASE WHEN origin = 'complaint' THEN 'COMPLAINT' END, nullif(array_to_string(reasons, ','), ''))
       WHEN correction = 'moved_contributions' THEN '社保、公积金缴纳单位与注册单位不一致（自查）'
       WHEN correction = 'moved_registration' THEN '注册单位与实际工作单位不一致（自查）'
       ELSE '申请注销注册（自查）' END,
  coalesce(CASE WHEN section = 1 THEN CASE outcome WHEN 'VIOLATION' THEN actual_employer
                                                  WHEN 'COMPLIANT' THEN ${FIRST_UNIT}
                                                  WHEN 'RECTIFIED' THEN CASE WHEN how = 'moved_contributions' THEN ${FIRST_UNIT} END END
                ELSE CASE correction WHEN 'moved_contributions' THEN ${FIRST_UNIT} WHEN 'moved_registration' THEN decl_unit END END, ''),
  CASE WHEN section = 1 THEN CASE WHEN outcome IS NULL THEN CASE WHEN carried_over THEN '结转办理' ELSE '核查中' END
                                  WHEN outcome = 'COMPLIANT' THEN (${MAP('outcome')} ->> outcome) || '（' || coalesce(${MAP('ground')} ->> ground, ground, '') || '）'
                                  WHEN outcome = 'TRANSFERRED' THEN (${MAP('outcome')} ->> outcome) || '（' || coalesce(receiving, '') || '）'
                                  ELSE ${MAP('outcome')} ->> outcome END
       WHEN dreq_outcome = 'cancelled' THEN '已注销'
       WHEN dreq_outcome = 'refused' THEN '不予注销'
       WHEN correction IN ('moved_contributions', 'moved_registration') THEN '自查自纠已整改'
       WHEN dreq_received_on IS NOT NULL THEN '注销办理中'
       ELSE '已申请注销' END,
  CASE WHEN section = 1 THEN CASE WHEN confirmed THEN coalesce('#' || nullif(pen_text, ''), '待处理')
                                  WHEN outcome = 'RECTIFIED' THEN coalesce(${MAP('how')} ->> how, '已整改') || '，自查自纠期间整改到位，不再追究责任'
                                  WHEN outcome = 'COMPLIANT' THEN '无需处理'
                                  WHEN outcome = 'DEREGISTERED' THEN '注销注册'
                                  WHEN outcome = 'TRANSFERRED' THEN '移交' || coalesce(receiving, '') || '处理'
                                  ELSE '' END
       WHEN dreq_outcome = 'cancelled' THEN '注销注册'
       ELSE coalesce(${MAP('correction')} ->> correction, '') END,
  CASE WHEN section = 1 THEN CASE WHEN lv_city OR lv_province
                                    THEN concat_ws('、', CASE WHEN lv_city THEN ${CITY_BUREAU} END, CASE WHEN lv_province THEN ${PROVINCE_DEPT} END)
                                  WHEN outcome IS NOT NULL THEN ${CITY_BUREAU} ELSE '' END
       WHEN dreq_processed_on IS NOT NULL THEN ${PROVINCE_DEPT}
       ELSE ${CITY_BUREAU} END,
  coalesce(CASE WHEN section = 1 THEN ${DATE('coalesce(pen_last, decided_on)')}
                ELSE ${DATE('coalesce(dreq_processed_on, corrected_on, dreq_received_on)')} END, ''),
  CASE WHEN in_self_check THEN '是' ELSE '否' END,
  concat_ws('；', CASE WHEN $4::boolean THEN ${MAP('city')} ->> city_code::text END,
            CASE WHEN section = 1 THEN '案件编号' || case_no END,
            CASE WHEN carried_over THEN '结转理由：' || carry_reason END,
            CASE WHEN section = 3 THEN '单位自查申报' END)`;

/** One city's cases ($2: bpchar), in case-number order. */
export function cityCaseRowsSql(): string {
  const need = `SELECT id_number FROM case_file WHERE campaign_id = $1 AND city_code = $2::bpchar AND screening_run_id IS NULL`;
  return `WITH ${registryCtes(need)}
SELECT ${DISPLAY}
FROM ${classified(casesBranch('one', true))} d
ORDER BY sort_key`;
}

/**
 * Every city's self-check subjects in one cursor ($2: bpchar[], in that order), persons by first
 * receipt then units declaring alone, each row led by its city code. One cursor, so the registry
 * tables are read once for the province, not once per city.
 */
export function selfCheckRowsSql(rowSet: RowSet): string {
  return `WITH ${selfCheckCtes(rowSet, 'many')},
${registryCtes('SELECT id_number FROM sc_person')}
SELECT city_code::text, ${DISPLAY}
FROM ${classified(selfCheckBranches(true))} d
ORDER BY array_position($2::bpchar[], city_code), section, sort_at, sort_n, id_number`;
}
