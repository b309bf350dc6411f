/**
 * A group of checkboxes as a required Form.Item's control. The item hands its control
 * `aria-required`, which no role of a group of checkboxes takes (axe: aria-allowed-attr, critical):
 * it is dropped here; the item's rule still requires a choice and says so beside the group.
 */
import { Checkbox } from 'antd';
import type { ComponentProps } from 'react';

type GroupProps = ComponentProps<typeof Checkbox.Group>;

export function ChoiceGroup({ 'aria-required': _required, ...props }: GroupProps & { 'aria-required'?: unknown }) {
  return <Checkbox.Group {...props} />;
}
